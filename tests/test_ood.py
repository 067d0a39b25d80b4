import numpy as np
import pytest

from lib.ood import roc


def test_perfectly_separated_scores_give_auroc_one_and_full_detection():
    curve = roc([0.1, 0.2, 0.3], [0.5, 0.9])
    assert curve.auroc == 1.0
    assert curve.detected_at(0.0) == 1.0
    assert curve.false_alarm[0] == 0 and curve.false_alarm[-1] == 1 and curve.detected[-1] == 1


def test_auroc_is_the_chance_an_outlier_scores_higher():
    rng = np.random.default_rng(0)
    inliers, outliers = rng.normal(0, 1, 2000), rng.normal(1, 1, 500)
    expected = np.mean(outliers[:, None] > inliers[None, :])
    assert roc(inliers, outliers).auroc == pytest.approx(expected, abs=1e-9)
    assert roc(outliers, inliers).auroc == pytest.approx(1 - expected, abs=1e-9)  # reversed roles


def test_identical_distributions_give_about_one_half():
    scores = np.linspace(0, 1, 100)
    assert roc(scores, scores).auroc == pytest.approx(0.5)


@pytest.mark.parametrize(
    "inliers, outliers, message",
    [
        ([], [1.0], "inlier_scores must be a non-empty 1-D"),
        ([1.0], np.zeros((2, 2)), "outlier_scores must be a non-empty 1-D"),
        ([1.0, np.nan], [2.0], "NaN or infinite"),
    ],
)
def test_bad_scores_are_refused(inliers, outliers, message):
    with pytest.raises(ValueError, match=message):
        roc(inliers, outliers)


def test_detected_at_checks_its_fraction():
    with pytest.raises(ValueError, match="between 0 and 1"):
        roc([0.0], [1.0]).detected_at(5)
