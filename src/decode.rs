//! Bytes to text: encoding detection and decoding.
