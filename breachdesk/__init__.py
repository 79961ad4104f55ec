"""breachdesk: personal data breaches from the first report to the last progress report."""
