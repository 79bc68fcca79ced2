"""`Strict`: the base of every model a user writes (project, kit, audio, captions): unknown keys are errors (typos
must not pass silently), NaN and infinity are refused at the field's line."""
from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class Strict(BaseModel):
    # Project models are built when a project is first validated, as one schema: built at import, every `ui.*`
    # layer model rebuilt the whole recursive UI component union on its own (a few hundred ms of start-up).
    # NaN/inf in a number field would reach frame arithmetic (int(nan) raises); refuse them at the field's line.
    model_config = ConfigDict(extra="forbid", populate_by_name=True, defer_build=True, allow_inf_nan=False)
