"""Great Expectations suites as blocking checks on the assets they judge."""
