from django import template

from breachdesk.web.aftercare import figures

register = template.Library()


@register.simple_tag(takes_context=True)
def care_figures(context, breach):
    """The breach's care figures, and whether the viewer may open the queue."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not user.can("view_register"):
        return None
    return figures.for_breach(breach)
