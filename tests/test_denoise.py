"""lib.denoise: denoising a user's file, and refusing bad input without touching anything."""

import numpy as np
import pytest
from PIL import Image

from lib import denoise
from lib.photos import add_white_noise, centre_crop, load_photo


@pytest.fixture
def noisy_png(tmp_path):
    """A 64 x 64 grey crop of the camera photo with sigma = 25/255 noise, saved as 8-bit PNG."""
    clean = centre_crop(load_photo("camera"), 64)
    noisy = np.clip(add_white_noise(clean, 25 / 255, seed=0), 0, 1)
    path = tmp_path / "noisy.png"
    Image.fromarray(np.round(noisy * 255).astype("uint8")).save(path)
    return path, clean


def psnr(a, b):
    return 10 * np.log10(1 / np.mean((a - b) ** 2))


@pytest.mark.parametrize("method", denoise.METHODS)
def test_command_denoises_a_grey_png(noisy_png, tmp_path, method, capsys):
    source, clean = noisy_png
    before = source.read_bytes()
    assert denoise.main([str(source), str(tmp_path / "out.png"), "--method", method]) == 0
    out = np.asarray(Image.open(tmp_path / "out.png"), dtype="float64") / 255
    noisy = np.asarray(Image.open(source), dtype="float64") / 255
    assert out.shape == clean.shape and psnr(out, clean) > psnr(noisy, clean) + 5
    assert source.read_bytes() == before  # the input is only read
    assert "estimated" in capsys.readouterr().out


def test_estimate_is_close_on_synthetic_noise():
    flat = np.full((128, 128), 0.5)
    for sigma in (10 / 255, 25 / 255, 50 / 255):
        assert denoise.estimate_noise_sigma(add_white_noise(flat, sigma, seed=1)) == pytest.approx(sigma, rel=0.1)


def test_tiles_give_the_whole_image_result(monkeypatch):
    from lib.pretrained import pretrained_dncnn

    image = np.random.default_rng(0).random((50, 70)).astype("float32")
    model = pretrained_dncnn("M")
    whole = np.clip(np.asarray(model(image[None, ..., None], training=False))[0, ..., 0], 0, 1)  # in one piece
    monkeypatch.setattr(denoise, "TILE", 32)
    np.testing.assert_allclose(denoise.dncnn_denoise(image, 0.1, model), whole, atol=1e-5)


@pytest.mark.parametrize(
    "mode, shape, dtype", [("L", (20, 30), "uint8"), ("RGB", (20, 30, 3), "uint8"), ("I;16", (20, 30), "uint16")]
)
def test_read_and_write_keep_mode_and_depth(tmp_path, mode, shape, dtype):
    values = np.random.default_rng(0).integers(0, np.iinfo(dtype).max, shape).astype(dtype)
    Image.fromarray(values).save(tmp_path / "in.png")
    pixels, alpha, how = denoise.read_image(tmp_path / "in.png")
    assert pixels.shape == shape and 0 <= pixels.min() and pixels.max() <= 1 and alpha is None
    denoise.write_image(tmp_path / "out.png", pixels, alpha, how)
    np.testing.assert_array_equal(np.asarray(Image.open(tmp_path / "out.png")), values)


def test_alpha_is_copied_unchanged(tmp_path):
    rgba = np.random.default_rng(0).integers(0, 255, (24, 24, 4)).astype("uint8")
    Image.fromarray(rgba, "RGBA").save(tmp_path / "in.png")
    denoise.denoise_file(tmp_path / "in.png", tmp_path / "out.png", sigma=20, method="dncnn")
    out = np.asarray(Image.open(tmp_path / "out.png"))
    assert out.shape == (24, 24, 4)
    np.testing.assert_array_equal(out[..., 3], rgba[..., 3])


def test_palette_image_is_read_as_rgb(tmp_path):
    Image.new("P", (16, 16), 3).save(tmp_path / "in.png")
    pixels, _, (mode, peak) = denoise.read_image(tmp_path / "in.png")
    assert pixels.shape == (16, 16, 3) and mode == "RGB" and peak == 255


def test_missing_file(tmp_path):
    with pytest.raises(denoise.DenoiseError, match="no such file"):
        denoise.denoise_file(tmp_path / "nothing.png", tmp_path / "out.png")


def test_not_an_image(tmp_path):
    (tmp_path / "notes.png").write_text("not a picture")
    with pytest.raises(denoise.DenoiseError, match="not an image"):
        denoise.denoise_file(tmp_path / "notes.png", tmp_path / "out.png")


def test_empty_image(tmp_path, monkeypatch):
    Image.new("L", (4, 4)).save(tmp_path / "in.png")
    monkeypatch.setattr(Image.Image, "size", property(lambda self: (0, 4)))
    with pytest.raises(denoise.DenoiseError, match="empty"):
        denoise.read_image(tmp_path / "in.png")


def test_huge_image_is_refused_before_decoding(tmp_path):
    Image.new("L", (100, 100)).save(tmp_path / "in.png")
    with pytest.raises(denoise.DenoiseError, match="--max-pixels"):
        denoise.denoise_file(tmp_path / "in.png", tmp_path / "out.png", max_pixels=9_999)
    assert not (tmp_path / "out.png").exists()


def test_existing_output_is_kept_unless_replace(noisy_png, tmp_path):
    source, _ = noisy_png
    target = tmp_path / "out.png"
    target.write_bytes(b"made by the user")
    with pytest.raises(denoise.DenoiseError, match="--replace"):
        denoise.denoise_file(source, target, sigma=25, method="dncnn")
    assert target.read_bytes() == b"made by the user"
    assert denoise.main([str(source), str(target), "--sigma", "25", "--method", "dncnn"]) == 2
    assert target.read_bytes() == b"made by the user"
    denoise.denoise_file(source, target, sigma=25, method="dncnn", replace=True)
    assert Image.open(target).size == (64, 64)
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no temporary left behind


def test_output_over_the_input_is_refused_even_with_replace(noisy_png):
    source, _ = noisy_png
    before = source.read_bytes()
    with pytest.raises(denoise.DenoiseError, match="overwrite the input"):
        denoise.denoise_file(source, source, sigma=25, replace=True)
    assert source.read_bytes() == before


@pytest.mark.parametrize("target, message", [("missing/out.png", "no such folder"), ("out.xyz", "unknown image type")])
def test_unusable_output_paths(noisy_png, tmp_path, target, message):
    with pytest.raises(denoise.DenoiseError, match=message):
        denoise.denoise_file(noisy_png[0], tmp_path / target, sigma=25)


def test_unwritable_folder_is_found_before_denoising(noisy_png, monkeypatch):
    monkeypatch.setattr(denoise, "denoise_image", lambda *a: pytest.fail("denoised before checking the output"))
    with pytest.raises(denoise.DenoiseError, match="cannot write"):
        denoise.denoise_file(noisy_png[0], "/proc/denoised.png", sigma=25)


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"sigma": 0}, "between 0 and 255"),
        ({"sigma": 300}, "between 0 and 255"),
        ({"sigma": float("nan")}, "between 0 and 255"),
        ({"method": "magic"}, "unknown method"),
    ],
)
def test_bad_settings(noisy_png, tmp_path, kwargs, message):
    with pytest.raises(denoise.DenoiseError, match=message):
        denoise.denoise_file(noisy_png[0], tmp_path / "out.png", **kwargs)


@pytest.mark.slow
def test_the_command_scores_what_chapter_8_reports(tmp_path):
    """Run ``python -m lib.denoise`` on the file chapter 8 denoises, and compare with its stored output."""
    import re
    import subprocess
    import sys
    from pathlib import Path

    import nbformat

    notebook = nbformat.read(Path(__file__).resolve().parent.parent / "book" / "08_photographs.ipynb", as_version=4)
    [cell] = [cell for cell in notebook.cells if "denoise_file(folder" in cell.source]
    reported = dict(
        re.findall(
            r"^(\w+) +σ estimated [\d.]+ +PSNR ([\d.]+) dB$",
            "".join(output.get("text", "") for output in cell.outputs),
            re.M,
        )
    )
    assert set(reported) == set(denoise.METHODS)

    from lib.photos import photo_split

    test = np.stack([centre_crop(load_photo(name), 256) for name in photo_split()["test"]])
    noisy = add_white_noise(test, 25 / 255, seed=25)[0]  # as the chapter draws it: the whole test set at once
    Image.fromarray(np.round(np.clip(noisy, 0, 1) * 255).astype("uint8")).save(tmp_path / "camera_noisy.png")
    for method, psnr_text in reported.items():
        out = tmp_path / f"{method}.png"
        run = subprocess.run(
            [sys.executable, "-m", "lib.denoise", str(tmp_path / "camera_noisy.png"), str(out), "--method", method],
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert run.returncode == 0, run.stderr
        restored = np.asarray(Image.open(out), dtype="float64") / 255
        assert f"{psnr(restored, test[0]):.2f}" == psnr_text, method
