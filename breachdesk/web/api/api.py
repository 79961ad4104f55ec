from ninja import NinjaAPI

api = NinjaAPI(title="breachdesk API", version="1", urls_namespace="api", docs_url="/docs")
