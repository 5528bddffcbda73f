using DuckMart.Domain;
using Microsoft.OData.Edm;
using Microsoft.OData.ModelBuilder;

namespace DuckMart.Api.OData;

/// <summary>The OData model of /odata: the Users and Events entity sets, in the camelCase vocabulary of CONTRACT.md.</summary>
public static class DuckMartEdmModel
{
    public const string Namespace = "DuckMart";

    public static IEdmModel Build()
    {
        var builder = new ODataConventionModelBuilder { Namespace = Namespace };
        // userId, signupDate, eventName...: one public vocabulary everywhere (CONTRACT.md "Names").
        builder.EnableLowerCamelCase();

        var user = builder.EntitySet<User>("Users").EntityType;
        user.Namespace = Namespace;
        user.HasKey(u => u.UserId);
        user.Page(ODataLimits.MaxTop, ODataLimits.PageSize);
        // A user can have thousands of events: an expansion is paged per user, with its own nextLink.
        user.HasMany(u => u.Events).Page(ODataLimits.ExpandedEventsPageSize, ODataLimits.ExpandedEventsPageSize);

        var @event = builder.EntitySet<Event>("Events").EntityType;
        @event.Namespace = Namespace;
        // Events have no id. OData needs a key, so the key is the whole row; it orders pages stably and is
        // documented as not unique (the same user may log the same event twice in one instant). No lookup by key is offered.
        @event.HasKey(e => new { e.UserId, e.EventName, e.Timestamp });
        @event.Page(ODataLimits.MaxTop, ODataLimits.PageSize);
        // Only Users -> events is navigable: it keeps any()/all() one level deep and expansions bounded.
        @event.Ignore(e => e.User);

        return builder.GetEdmModel();
    }
}
