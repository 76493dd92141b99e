"""When the nightly job runs: the job itself, its schedule and the inbox sensor."""
