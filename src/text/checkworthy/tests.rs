//! Tests of the check-worthiness features and model.
