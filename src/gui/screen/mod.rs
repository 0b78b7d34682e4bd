pub mod credentials;
pub mod mailapp;
pub mod manual;
pub mod result;
pub mod signin;
pub mod start;
pub mod steps;
pub mod testing;
