"""cloudcredit: watch the cloud-services market for breaches of the self-discipline code and rate companies."""

__version__ = "0.1.0"
