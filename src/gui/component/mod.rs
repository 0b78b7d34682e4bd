//! Parts that a screen holds inside it, each with its own State, Message and update: the
//! saved-accounts list (start), the certificate card (failure), the phone's QR codes (mail app).

pub mod certificate;
pub mod phone;
pub mod saved_accounts;
