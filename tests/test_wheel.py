"""The wheel is the whole product: built, installed into a fresh venv outside the repository,
it indexes seed articles and serves the search page and the JSON API from its own files.

An editable checkout finds templates, static files and knowledge wherever they lie; only a
wheel shows what package data leaves behind. The venv reuses this environment's installed
dependencies through a .pth file (no network), but imports searchapp from the wheel.
"""

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from markupsafe import escape

from searchapp import create_app

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed"
BUILD_FILES = ("pyproject.toml", "setup.cfg", "README.md", "MANIFEST.in")
DATA_FOLDERS = ("searchapp/web/templates", "searchapp/web/static", "searchapp/knowledge")
QUERY = "kerry"

# Run by the venv's Python in a folder holding articles/ and index/: what the installed app serves.
SERVE = f"""
import json, searchapp
app = searchapp.create_app()
client = app.test_client()
page, api, css = (client.get(path) for path in ("/?q={QUERY}", "/api/search?q={QUERY}", "/static/style.css"))
print(json.dumps({{
    "searchapp": searchapp.__file__,
    "templates": app.jinja_loader.searchpath,
    "page": [page.status_code, page.mimetype, page.get_data(as_text=True)],
    "api": [api.status_code, api.get_json()],
    "css": [css.status_code, css.get_data(as_text=True)],
}}))
"""


def run(args, cwd: Path) -> subprocess.CompletedProcess:
    """A command with none of this session's app settings in its environment; it must succeed."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SEARCHAPP_", "FLASK_", "PYTHON"))}
    done = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, f"{args}\n{done.stdout}\n{done.stderr}"
    return done


def build_wheel(work: Path) -> Path:
    """The wheel of a copy of the checkout, so the build leaves nothing in the repository."""
    source = work / "source"
    shutil.copytree(ROOT / "searchapp", source / "searchapp", ignore=shutil.ignore_patterns("__pycache__"))
    for name in BUILD_FILES:
        if (ROOT / name).exists():
            shutil.copy2(ROOT / name, source / name)
    run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(work / "dist"), str(source)], cwd=work)
    (wheel,) = (work / "dist").glob("*.whl")
    return wheel


def fresh_venv(work: Path, wheel: Path) -> Path:
    """A venv with the wheel installed and this environment's dependencies on its path; its Python."""
    venv = work / "venv"
    run([sys.executable, "-m", "venv", "--without-pip", str(venv)], cwd=work)
    python = venv / "bin" / "python"
    site = Path(run([str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], cwd=work).stdout.strip())
    ours = {sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]}
    # A path in a .pth file is added as it is: the editable install's own .pth there is not run.
    (site / "dependencies.pth").write_text("\n".join(sorted(ours)) + "\n", encoding="utf-8")
    run([sys.executable, "-m", "pip", "--python", str(python), "install", "-q", "--no-deps", "--no-index", str(wheel)],
        cwd=work)
    return python


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    """(the wheel, the venv, what the installed app served over a reindexed copy of the seed articles, that folder)."""
    work = tmp_path_factory.mktemp("wheel")
    wheel = build_wheel(work)
    python = fresh_venv(work, wheel)
    site = work / "site"
    shutil.copytree(SEED, site / "articles")
    run([str(python), "-m", "flask", "--app", "searchapp", "reindex"], cwd=site)
    served = json.loads(run([str(python), "-c", SERVE], cwd=site).stdout)
    return wheel, work / "venv", served, site


def test_the_wheel_holds_every_template_static_and_knowledge_file(installed):
    wheel = installed[0]
    shipped = set(zipfile.ZipFile(wheel).namelist())
    for folder in DATA_FOLDERS:
        files = {p.relative_to(ROOT).as_posix() for p in (ROOT / folder).rglob("*") if p.is_file()}
        files = {f for f in files if "__pycache__" not in f}
        assert files and files <= shipped, folder


def test_the_app_runs_from_the_venv_outside_the_repository(installed):
    _, venv, served, _ = installed
    assert not venv.resolve().is_relative_to(ROOT)
    assert Path(served["searchapp"]).resolve().is_relative_to(venv.resolve())
    assert all(Path(folder).resolve().is_relative_to(venv.resolve()) for folder in served["templates"])


def test_the_installed_api_answers_as_the_checkout_does(installed):
    """The same index searched by the checkout gives the same JSON, timing aside."""
    served, site = installed[2], installed[3]
    status, body = served["api"]
    assert status == 200 and body["total"] > 0
    app = create_app({"TESTING": True, "INDEX_DIR": str(site / "index"), "ARTICLES_DIR": str(site / "articles")})
    try:
        ours = app.test_client().get(f"/api/search?q={QUERY}").get_json()
    finally:
        app.extensions["search"].close()
    assert {**body, "took_ms": None} == {**ours, "took_ms": None}


def test_the_installed_search_page_shows_the_hits_with_its_own_styles(installed):
    served = installed[2]
    status, mimetype, page = served["page"]
    assert (status, mimetype) == (200, "text/html")
    titles = [hit["title"] for hit in served["api"][1]["hits"]]
    assert "<mark>" in page
    unmarked = re.sub("</?mark>", "", page)  # titles are marked too
    assert titles and all(str(escape(title)) in unmarked for title in titles)
    assert served["css"] == [200, (ROOT / "searchapp/web/static/style.css").read_text(encoding="utf-8")]
