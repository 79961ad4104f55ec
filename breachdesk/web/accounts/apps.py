from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "breachdesk.web.accounts"
    label = "accounts"
    verbose_name = "Accounts and organisations"
