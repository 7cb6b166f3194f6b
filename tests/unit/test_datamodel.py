"""The models are plain dataclasses: pydantic checks what comes in, a dump builds them again."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date

import pydantic
import pytest

from builders import shipped
from massage_desktop.datamodel import build, dump
from massage_desktop.paths import protocols_dir
from massage_desktop.protocol import load_library
from massage_desktop.protocol.models import Protocol, Step
from massage_desktop.protocol.program import CoursePlan, Program, ProgramStep
from massage_desktop.speech.settings import VoiceSettings
from massage_desktop.store.settings import DEFAULT_KEYS, Settings, Theme


def test_every_shipped_protocol_is_built_again_from_its_json_dump() -> None:
    protocols = load_library().protocols
    assert len(protocols) > 10
    for protocol in protocols.values():
        data = json.loads(json.dumps(dump(protocol, "json")))
        again = build(Protocol, data)
        assert again == protocol
        assert again.stages[0].steps[0].position is protocol.stages[0].steps[0].position
        assert data == protocol.model_dump(mode="json")


def test_a_dump_is_pydantics_own() -> None:
    protocol = shipped("general-strengthening")
    adapter = pydantic.TypeAdapter(Protocol)
    assert protocol.model_dump(mode="json") == adapter.dump_python(protocol, mode="json")
    assert protocol.model_dump() == adapter.dump_python(protocol)
    program = Program(
        id="bee",
        title="Bee",
        protocol="general-strengthening",
        protocol_version=1,
        created=date(2025, 1, 2),
        steps=(ProgramStep(id="hello-strokes", count=3),),
        course=CoursePlan(per_day=2),
    )
    loose = pydantic.TypeAdapter(Program).dump_python(program, mode="json", exclude_none=True)
    assert program.model_dump(mode="json", exclude_none=True) == loose
    assert build(Program, program.model_dump(mode="json")) == program


def test_the_constraints_are_checked_with_pydantics_words() -> None:
    step = shipped("general-strengthening").steps[0].model_dump()
    with pytest.raises(pydantic.ValidationError) as caught:
        Step.model_validate({**step, "zones": ["elbow-of-the-moon"], "priority": 4, "title": ""})
    found = {(".".join(map(str, e["loc"])), e["msg"]) for e in caught.value.errors()}
    assert found == {
        ("zones.0", "Value error, unknown zone 'elbow-of-the-moon'"),
        (
            "zones",
            "Tuple should have at least 1 item after validation, not 0",
        ),  # the loader drops it
        ("priority", "Input should be less than or equal to 3"),
        ("title", "String should have at least 1 character"),
    }
    with pytest.raises(pydantic.ValidationError, match="either repetitions with tempo_s"):
        Step.model_validate({**step, "duration_s": 30.0})
    assert Step.model_validate({**step, "title": "  Hello  "}).title == "Hello"


def test_settings_keep_what_they_do_not_know_through_copies_dumps_and_builds() -> None:
    data = {"rate": 120, "theme": "dark", "keys": {"pause": "P"}, "from_the_future": [1, 2]}
    settings = Settings.model_validate(data)
    assert settings.theme is Theme.DARK
    assert settings.keys == {**DEFAULT_KEYS, "pause": "P"}
    assert settings.model_extra == {"from_the_future": [1, 2]}
    copy = settings.model_copy(update={"large_type": True})
    assert copy.large_type
    assert copy.model_extra == {"from_the_future": [1, 2]}
    saved = copy.model_dump(mode="json")
    assert saved["from_the_future"] == [1, 2]
    assert "model_extra" not in saved
    assert build(Settings, saved) == copy
    assert build(Settings, saved).model_extra == {"from_the_future": [1, 2]}
    assert VoiceSettings.of(settings).rate == 120


def test_the_models_load_and_build_without_pydantic() -> None:
    code = (
        "import json, sys\n"
        "from massage_desktop.datamodel import build\n"
        "from massage_desktop.protocol.models import Protocol\n"
        "from massage_desktop.protocol.program import Program\n"
        "from massage_desktop.store.settings import Settings\n"
        "from massage_desktop.speech.settings import VoiceSettings\n"
        f"data = json.loads(open({str(protocols_dir() / 'x.json')!r}.replace('x.json', "
        "'protocol.schema.json')).read())\n"
        "Settings().model_dump(mode='json'); VoiceSettings().model_copy(update={'rate': 90})\n"
        "print(sorted(m for m in sys.modules if m.startswith(('pydantic', 'annotated_types'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
