"""The ported DnCNN-17: the committed weights are the converted ones, and they give scico's output."""

import hashlib

import numpy as np
import pytest

from lib import pretrained

# scico 0.0.7's own flax model (scico.denoiser.DnCNN("17L"/"17M"/"17H")), run once in a
# throwaway environment with JAX, on np.random.default_rng(0).random((16, 16)) as float32:
# the first four outputs of row 0, and the mean and standard deviation of all 256.
SCICO_OUTPUTS = {
    "L": ([0.616779, 0.3046, 0.056033, 0.037266], 0.537977, 0.276549),
    "M": ([0.56567, 0.355394, 0.116247, 0.141264], 0.534719, 0.24314),
    "H": ([0.478032, 0.405803, 0.27905, 0.349169], 0.537543, 0.121802),
}


def test_committed_weights_have_their_checksum():
    assert hashlib.sha256(pretrained.WEIGHTS.read_bytes()).hexdigest() == pretrained.WEIGHTS_SHA256


@pytest.mark.parametrize("variant", ["L", "M", "H"])
def test_port_reproduces_scico_on_a_fixed_input(variant):
    image = np.random.default_rng(0).random((16, 16)).astype("float32")
    model = pretrained.pretrained_dncnn(variant)
    # called directly: the same numbers as predict, without tracing a graph for each model (0.5 s)
    output = np.asarray(model(image[None, ..., None], training=False))[0, ..., 0]
    row, mean, std = SCICO_OUTPUTS[variant]
    np.testing.assert_allclose(output[0, :4], row, atol=1e-5)
    assert output.mean() == pytest.approx(mean, abs=1e-5) and output.std() == pytest.approx(std, abs=1e-5)


def test_model_is_fully_convolutional_and_keeps_the_size():
    model = pretrained.pretrained_dncnn("M")
    assert model(np.zeros((1, 13, 21, 1), "float32"), training=False).shape == (1, 13, 21, 1)


def test_tampered_weights_are_refused(tmp_path, monkeypatch):
    copy = tmp_path / "weights.npz"
    data = bytearray(pretrained.WEIGHTS.read_bytes())
    data[len(data) // 2] ^= 0xFF  # one flipped byte in the middle of the weights
    copy.write_bytes(bytes(data))
    monkeypatch.setattr(pretrained, "WEIGHTS", copy)
    with pytest.raises(RuntimeError, match="SHA-256"):
        pretrained.pretrained_dncnn("M")


@pytest.mark.parametrize("sigma, variant", [(15 / 255, "L"), (25 / 255, "M"), (50 / 255, "H"), (0.01, "L"), (0.5, "H")])
def test_variant_for_picks_the_nearest_training_level(sigma, variant):
    assert pretrained.variant_for(sigma) == variant


@pytest.mark.parametrize("bad", [0, -0.1, 25, float("nan"), "0.1"])
def test_variant_for_refuses_what_is_not_a_sigma(bad):
    with pytest.raises(ValueError, match="sigma"):
        pretrained.variant_for(bad)


def test_unknown_variant_is_refused():
    with pytest.raises(ValueError, match="variant"):
        pretrained.pretrained_dncnn("X")
