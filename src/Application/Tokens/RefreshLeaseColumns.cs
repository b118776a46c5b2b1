namespace SmartcarClean.Application.Tokens;

/// <summary>
/// The connection row's columns for its refresh lease (<see cref="RefreshLeases"/>, ADR-013), named once for the model
/// and the queries. Shadow properties: no domain rule reads them.
/// </summary>
public static class RefreshLeaseColumns
{
    public const string Holder = "RefreshLeaseHolder";

    public const string Until = "RefreshLeaseUntil";
}
