import logging

import lib  # noqa: F401  (the import under test)


def test_tensorflow_warnings_stay_off_the_page():
    """Warnings on TensorFlow's logger (such as its retracing hint) must not reach stderr,
    which nbval compares; its errors still do."""
    import tensorflow as tf

    assert not tf.get_logger().isEnabledFor(logging.WARNING)
    assert tf.get_logger().isEnabledFor(logging.ERROR)
