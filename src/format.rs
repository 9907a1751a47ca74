//! Exact values written back as Chinese numerals.
