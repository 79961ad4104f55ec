"""The Django project: the organisation workspace, the regulator workspace and the portal."""
