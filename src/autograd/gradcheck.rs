//! Numerical gradient checks.
