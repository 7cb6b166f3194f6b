"""Reminders at massage time: what is asked (model), when it is due (schedule), whether today."""
