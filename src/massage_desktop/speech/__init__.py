"""The voice: pre-rendered spoken prompts, chimes and their playback (the Qt layer's speech side).

Qt-free: `settings` (VoiceSettings), `prompts` (the texts of a plan), `rules` (which line may
cut which), `lines` (the line queue that keeps the rules), `voices` (voice order), `cache`
(rendered WAVs), `prerender` (batch counts), `synth` (the Synthesiser port and its thread),
`espeak_synth` (libespeak-ng, Linux), `pyttsx3_synth` (pyttsx3, Windows and macOS), `engines`
(which one), `doctor` (checks; it imports Qt only inside its probes); the sound: `sound`
(samples, loading, onsets), `resampled` (a sound read at another rate), `mixer` (the sample
timeline), `ducking`, `bed`, `stream_clock` (frames against the monotonic clock), `null_sink`
(a private PulseAudio to listen from outside). Qt: `relay`, `playback` (the Player face),
`stream` (one QAudioSink fed by the mixer), `stream_player`, `player` (QMediaPlayer, the
measured baseline), `speaker`, and `voice` (VoiceService, the QObject that ties it together).
Nothing is imported here, so the Qt-free modules load without PySide6.
"""
