"""-f html in a real browser (SPEC §11): Debian's headless Chromium draws the Qingdao example to PNG and prints it to
PDF. Skipped only where no Chromium can run; CI installs it (.ci/run: chromium fonts-wqy-microhei)."""

from __future__ import annotations

import re
import shutil
import statistics
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, run
from PIL import Image

INSTALL = "apt-get install chromium fonts-wqy-microhei (Debian; .ci/run does this in CI)"
BROWSER = next((path for path in (shutil.which("chromium"), "/usr/bin/chromium", shutil.which("chromium-browser"),
                                  shutil.which("google-chrome")) if path and Path(path).exists()), None)
pytestmark = pytest.mark.skipif(BROWSER is None, reason=f"no headless Chromium to render HTML in: {INSTALL}")
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-quic", "--hide-scrollbars")


def chromium(tmp_path: Path, page: Path, *args: str) -> str:
    """Run the browser on a local page (a fresh profile, no network features); its standard output."""
    assert BROWSER is not None
    profile = tmp_path / "profile"
    done = subprocess.run([BROWSER, *FLAGS, f"--user-data-dir={profile}", *args, page.as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


@pytest.fixture
def hotel_page(tmp_path: Path) -> Path:
    shutil.copy(REPO / "examples" / "cn-qingdao-hotel-bad.yaml", tmp_path / "hotel.yaml")
    result = run("audit", "hotel.yaml", "--as-of", "2026-11-22", "-f", "html", "-o", "hotel.html", "--lang", "zh")
    assert result.exit_code == 1, result.output
    return tmp_path / "hotel.html"


def pixels(path: Path) -> list[int]:
    """The screenshot in grey levels, one per pixel."""
    with Image.open(path) as image:
        return list(image.convert("L").tobytes())


def test_the_page_draws_something_and_not_a_blank_screen(tmp_path: Path, hotel_page: Path):
    shot = tmp_path / "hotel.png"
    chromium(tmp_path, hotel_page, "--window-size=1000,1400", f"--screenshot={shot}")
    grey = pixels(shot)
    inked = sum(1 for value in grey if value < 200)
    assert statistics.pstdev(grey) > 20, "the screenshot is flat: nothing was drawn"
    assert inked > len(grey) * 0.03, f"only {inked} of {len(grey)} pixels carry ink"
    with Image.open(shot) as image:  # the chart's error bars are drawn in the error colour
        colours = image.convert("RGB").getcolors(maxcolors=1 << 24) or []
        assert (180, 35, 24) in {colour for _, colour in colours}


def test_the_page_prints_to_a4_pages(tmp_path: Path, hotel_page: Path):
    pdf = tmp_path / "hotel.pdf"
    chromium(tmp_path, hotel_page, "--no-pdf-header-footer", f"--print-to-pdf={pdf}")
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = re.findall(rb"/Type\s*/Page\b(?!s)", data)
    assert len(pages) >= 2  # the summary, then the findings from a new page
    boxes = {tuple(round(float(n)) for n in box.split()) for box in re.findall(rb"/MediaBox\s*\[([^\]]*)\]", data)}
    assert boxes == {(0, 0, 595, 842)}, boxes  # A4 in points


def test_the_rendered_page_holds_the_key_texts(tmp_path: Path, hotel_page: Path):
    dom = chromium(tmp_path, hotel_page, "--dump-dom")
    text = re.sub(r"<[^>]+>", "", dom)
    for words in ("qd-shinan-hotel-05", "青岛栈桥海悦酒店", "privacy.forbidden-zone", "filing.overdue", "罚则", "依据",
                  "第十六条第一款", "场所一览", "按规则统计的问题", "罚款风险"):
        assert words in text, words
    assert dom.count("<svg") >= 2 and "<script" not in dom


def test_chinese_is_drawn_with_glyphs_not_empty_boxes(tmp_path: Path):
    """A CJK font is there (else Chromium draws every Chinese character as the same empty box): Chinese text and
    private-use characters (which no font has: boxes) must render differently, and two Chinese strings too."""
    from vidcheck.render.html import page_foot, page_head

    def shot(name: str, text: str) -> list[int]:
        page = tmp_path / f"{name}.html"
        page.write_text(page_head("t", "zh") + f'<p style="font-size:48px">{text}</p>' + page_foot("", "zh"),
                        encoding="utf-8")
        chromium(tmp_path, page, "--window-size=600,200", f"--screenshot={tmp_path / name}.png")
        return pixels(tmp_path / f"{name}.png")

    fonts = subprocess.run(["fc-list", ":lang=zh", "family"], capture_output=True, text=True,
                           check=False).stdout if shutil.which("fc-list") else "(fc-list not found)"
    boxes = shot("boxes", "\ue000\ue001\ue002\ue003")
    chinese = shot("chinese", "罚则备案")
    other = shot("other", "监控审计")
    why = f"Chinese is drawn as empty boxes: install a CJK font ({INSTALL}); fc-list :lang=zh gives {fonts!r}"
    assert chinese != boxes and chinese != other, why
