import lib  # noqa: F401  (the import under test)


def test_tensorflow_warnings_stay_off_the_page(capfd):
    """A warning on TensorFlow's logger (such as its retracing hint) must not reach stderr,
    which nbval compares; its errors still do."""
    import tensorflow as tf

    tf.get_logger().warning("5 out of the last 28 calls triggered tf.function retracing")
    tf.get_logger().error("a real error")
    err = capfd.readouterr().err
    assert "retracing" not in err and "a real error" in err
