namespace DuckMart.Segments.Spec;

/// <summary>
/// Which events count: <c>{ "last": D }</c> is [asOf - D, asOf); <c>{ "from": T1, "to": T2 }</c> is [T1, T2),
/// either bound optional. Events at or after asOf are never seen, whatever the window says.
/// </summary>
public sealed record EventWindow(IsoDuration? Last = null, TimePoint? From = null, TimePoint? To = null);
