"""The brief as a LangGraph workflow: typed state, one small node per step, checkpointed."""
