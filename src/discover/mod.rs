//! Finding the servers of any address (issue 4). So far: the Thunderbird autoconfig format.

pub mod autoconfig;
