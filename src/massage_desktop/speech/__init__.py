"""The voice: pre-rendered spoken prompts, chimes and their playback (the Qt layer's speech side).

Qt-free: `settings` (VoiceSettings), `prompts` (the texts of a plan), `rules` (which line may
cut which), `voices` (voice order), `cache` (rendered WAVs), `prerender` (batch counts),
`synth` (the Synthesiser port and its thread), `espeak_synth` (libespeak-ng, Linux),
`pyttsx3_synth` (pyttsx3, Windows and macOS), `engines` (which one), `doctor` (checks; it
imports Qt only inside its probes). Qt: `relay`, `player`, `speaker`, and `voice`
(VoiceService, the QObject that ties it together). Nothing is imported here, so the Qt-free
modules load without PySide6.
"""
