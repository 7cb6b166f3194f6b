"""The session itself: the controller on Qt timers and the view that follows it."""
