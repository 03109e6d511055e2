//! The merchant's payment operations on an order (E01, A11, A06, A07, E04),
//! each under the order's lease and recorded in its API operation history.

mod operations;

pub use operations::*;
