"""Parameters and shared kits, checked at load (no render): `{{name}}` substitution and typing, FILE:LINE
errors naming the parameter, a kit in a sibling folder or found by name (COMPOSITOR_KITS), and the kit's folder as
a root that the kit itself cannot leave."""
from __future__ import annotations

import pytest

from compositor.errors import UserError
from compositor.project.load import load_project
from compositor.project.params import apply_params
from compositor.vocab.yamlmarks import read_marked

from tests.campaign.campaign_fixtures import make_campaign


def _line(project, text):
    return project.read_text().splitlines().index(text) + 1


def test_exact_placeholder_keeps_the_number_type(tmp_path):
    project = make_campaign(tmp_path)
    data, lines = read_marked(project)
    raw = apply_params(data, lines, project.parent)
    assert raw["shots"][0]["layers"][1]["width"] == 600 and type(raw["shots"][0]["layers"][1]["width"]) is int
    assert raw["shots"][0]["layers"][1]["text"] == "Hello Acme"
    proj = load_project(project)
    text = proj.spec.shots[0].layers[1]
    assert text.width == 600
    assert text.text == "Hello Acme" and proj.spec.title == "Hello Acme"
    assert proj.output.name == "Acme.mp4" and proj.kit.name == "Acme"
    proj = load_project(project, params={"company": "Globex", "seats": "420.5"})   # strings coerced by type
    assert proj.spec.shots[0].layers[1].width == 420.5 and proj.spec.shots[0].layers[1].text == "Hello Globex"
    assert proj.spec.params["seats"].default == 420.5      # the loaded spec records the values it was made from
    assert load_project(project, params={"seats": 300}).spec.shots[0].layers[1].width == 300   # Python as is


def test_unknown_placeholder_is_an_error_at_its_line(tmp_path, compositor_cli):
    project = make_campaign(tmp_path)
    text = project.read_text().replace('text: "Hello {{company}}"', 'text: "Hello {{compny}}"')
    project.write_text(text)
    r = compositor_cli("validate", project, cwd=tmp_path)
    line = _line(project, '      - text: "Hello {{compny}}"')
    assert r.returncode == 2, r.stdout + r.stderr
    assert f"project.yaml:{line}: shots[0].layers[1].text: unknown parameter {{{{compny}}}}" in r.stderr
    assert "Traceback" not in r.stderr


@pytest.mark.parametrize("name,value,words", [
    ("seats", "many", "'many' is not a number"),
    ("logo", "assets/none.svg", "file not found: assets/none.svg"),
    ("accent", "#FF00FF", "off-brand"),
    ("company", None, "has no value"),
])
def test_bad_values_name_the_parameter_and_the_line_of_its_use(tmp_path, name, value, words):
    project = make_campaign(tmp_path)
    if value is None:       # a parameter without a default and without a value
        project.write_text(project.read_text().replace('{type: text, default: "Acme"}', "{type: text}"))
    with pytest.raises(UserError) as err:
        load_project(project, params={name: value} if value else None)
    uses = {"seats": '        width: "{{seats}}"', "logo": '      - svg: "{{logo}}"',
            "accent": '        color: "{{accent}}"', "company": 'title: "Hello {{company}}"'}
    first = err.value.issues[0]
    assert first.line == _line(project, uses[name]) and first.param == name
    assert f"parameter {name!r}" in first.message and words in str(first)


def test_unknown_set_and_bad_choice(tmp_path, compositor_cli):
    project = make_campaign(tmp_path)
    project.write_text(project.read_text().replace("  seats:", "  plan: {type: choice, options: [starter, pro], "
                                                   "default: pro}\n  seats:"))
    with pytest.raises(UserError) as err:
        load_project(project, params={"plan": "gold"})
    assert "'gold' is not one of the options — use one of: starter, pro" in str(err.value)
    r = compositor_cli("render", project, "--set", "colour=primary", cwd=tmp_path)
    assert r.returncode == 2 and "unknown parameter 'colour'" in r.stderr and "declared: company" in r.stderr


def test_a_kit_in_a_sibling_folder_is_a_root_for_the_project_too(tmp_path):
    project = make_campaign(tmp_path)
    proj = load_project(project, params={"logo": "../kits/acme/logo.svg"})
    assert proj.kit.folder == (tmp_path / "kits" / "acme").resolve()
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "x.svg").write_text((tmp_path / "promo" / "assets" / "mark.svg").read_text())
    with pytest.raises(UserError) as err:
        load_project(project, params={"logo": "../elsewhere/x.svg"})
    assert "outside the project and kit folders" in str(err.value) and "parameter 'logo'" in str(err.value)


def test_the_kit_cannot_reach_outside_itself(tmp_path):
    project = make_campaign(tmp_path)
    (tmp_path / "shared-fonts").mkdir()
    kit = tmp_path / "kits" / "acme"
    (kit / "fonts" / "Inter-Bold.otf").rename(tmp_path / "shared-fonts" / "Inter-Bold.otf")
    text = (kit / "brand.yaml").read_text().replace("display: fonts/Inter-Bold.otf",
                                                     "display: ../../shared-fonts/Inter-Bold.otf")
    (kit / "brand.yaml").write_text(text)
    with pytest.raises(UserError) as err:
        load_project(project)
    assert "brand.yaml:5" in str(err.value) and "outside the project and kit folders" in str(err.value)


def test_a_kit_by_name_from_compositor_kits(tmp_path, monkeypatch, compositor_cli):
    project = make_campaign(tmp_path, brand="acme")
    with pytest.raises(UserError) as err:
        load_project(project)
    assert "brand kit not found: 'acme'" in str(err.value) and "COMPOSITOR_KITS" in str(err.value)
    monkeypatch.setenv("COMPOSITOR_KITS", f"{tmp_path / 'nowhere'}:{tmp_path / 'kits'}")
    assert load_project(project).kit.name == "Acme"
    # a kit of that name in the project's folder comes first
    local = tmp_path / "promo" / "acme"
    (tmp_path / "kits" / "acme").rename(local)
    (local / "brand.yaml").write_text((local / "brand.yaml").read_text().replace("name: Acme", "name: Local"))
    assert load_project(project).kit.name == "Local"
    # shipped kits are still found by name
    project.write_text(project.read_text().replace("brand: acme", "brand: northwind"))
    assert load_project(project).kit.name == "Northwind"


def test_schema_lists_params(compositor_cli):
    r = compositor_cli("schema")
    assert r.returncode == 0
    assert '"params"' in r.stdout and '"ParamSpec"' in r.stdout


def test_the_example_campaign_loads_every_row():
    """projects/acme-campaign: its kit in the sibling folder projects/acme-kit, every row of its rows.csv valid."""
    from pathlib import Path

    from compositor.rows import read_rows

    folder = Path(__file__).resolve().parents[2] / "projects" / "acme-campaign"
    for row in read_rows(folder / "rows.csv"):
        proj = load_project(folder / "project.yaml", params=row.values)
        assert proj.kit.folder.name == "acme-kit" and proj.output.name == f"acme-{row.values['company']}.mp4"
        assert proj.shots[0].layers[1].spec.svg == row.values["logo"]
