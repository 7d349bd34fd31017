"""Roadmap drafts for steering committees: priorities by cost of delay, schedule, forecast,
priced options. Pure functions over the domain models; renderers and the CLI sit on top."""
