using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Application.VehicleData;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.GetVehicleAttributes;

/// <summary>The current user's connections, each with its vehicles' make, model and year.</summary>
public sealed record GetVehicleAttributes : IQuery<VehicleOverview>;

public sealed record VehicleOverview(IReadOnlyList<ConnectionVehicles> Connections)
{
    public bool IsEmpty => Connections.Count == 0;
}

/// <summary>
/// One connection's vehicles, or why they cannot be shown. A classic connection lasts while its refresh token does
/// (<see cref="RenewBy"/>); a server-side one (<see cref="ConnectFlow.ServerSide"/>) has no user tokens to renew.
/// </summary>
public sealed record ConnectionVehicles(
    Guid ConnectionId,
    ConnectFlow Flow,
    DateTimeOffset ConnectedAt,
    DateTimeOffset? RenewBy,
    IReadOnlyList<VehicleAttributes> Vehicles,
    bool ReconnectNeeded)
{
    /// <summary>
    /// What went wrong reading these vehicles this time (a rate limit, an outage), or why only <see cref="Vehicles"/>
    /// were read; they are still connected.
    /// </summary>
    public SmartcarProblem? Problem { get; init; }
}

internal sealed class GetVehicleAttributesHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarApi api,
    ISmartcarApiV3 apiV3,
    AccessTokens accessTokens,
    ApplicationTokens applicationTokens,
    IOptions<SmartcarLimits> limits,
    TimeProvider time) : IQueryHandler<GetVehicleAttributes, VehicleOverview>
{
    public async ValueTask<VehicleOverview> Handle(GetVehicleAttributes query, CancellationToken cancellationToken)
    {
        var connections = await db.Connections.Where(c => c.OwnerId == user.Id).ToListAsync(cancellationToken);
        var links = await db.SmartcarUserLinks.Where(l => l.OwnerId == user.Id).ToListAsync(cancellationToken);
        // The whole page's Smartcar calls share one deadline, counted from here, and a cap on calls at once.
        using var calls = new PageCalls(limits.Value, time, cancellationToken);

        // Tokens one connection after another: a refresh writes through this request's DbContext, which is not
        // thread-safe (and a refresh is needed at most once in two hours per connection).
        var tokens = new List<(string? Token, SmartcarApiException? RenewalFailed)>();
        foreach (var connection in connections)
        {
            try
            {
                tokens.Add((await accessTokens.ForAsync(connection, cancellationToken), null));
            }
            catch (SmartcarApiException e)
            {
                // The token could not be renewed this time (Smartcar unreachable, an outage): the connection still holds.
                tokens.Add((null, e));
            }
        }

        // Then every connection's API calls at once: they touch no database.
        var classic = Task.WhenAll(connections.Select((c, i) => LoadAsync(c, tokens[i], calls)));
        var serverSide = Task.WhenAll(links.Select(l => LoadAsync(l, calls)));
        var loaded = await classic;

        // Smartcar refused a token or asks the owner to sign in again: remember it, so the user is asked to reconnect.
        foreach (var (connection, vehicles) in connections.Zip(loaded))
        {
            if (vehicles.ReconnectNeeded && !connection.ReconnectNeeded)
            {
                await accessTokens.MarkReconnectNeededAsync(connection, cancellationToken);
            }
        }

        return new VehicleOverview([.. loaded.Concat(await serverSide).OrderBy(c => c.ConnectedAt)]);
    }

    private async Task<ConnectionVehicles> LoadAsync(
        Connection connection, (string? Token, SmartcarApiException? RenewalFailed) access, PageCalls calls)
    {
        var result = new ConnectionVehicles(
            connection.Id, ConnectFlow.Classic, connection.ConnectedAt, connection.Tokens.RefreshTokenExpiresAt, [], ReconnectNeeded: true);
        if (access.RenewalFailed is { } failed)
        {
            return result with { ReconnectNeeded = false, Problem = new SmartcarProblem.Refused(failed) };
        }

        if (access.Token is not { } token)
        {
            return result;
        }

        try
        {
            var list = await calls.RunAsync(t => api.ListVehicleIdsAsync(token, t));
            var (vehicles, late) = await calls.RunEachAsync(list.Ids, (id, t) => api.GetAttributesAsync(token, id, t));
            return result with { Vehicles = vehicles, ReconnectNeeded = false, Problem = Problem(list, vehicles.Count, late, calls) };
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            return result;
        }
        catch (SmartcarApiException e)
        {
            return result with { ReconnectNeeded = false, Problem = new SmartcarProblem.Refused(e) };
        }
        catch (OperationCanceledException) when (calls.DeadlinePassed)
        {
            return result with { ReconnectNeeded = false, Problem = new SmartcarProblem.PastDeadline(calls.Deadline, 0) };
        }
    }

    // What the page leaves out, if anything: the cars the deadline cut off, or the pages the client stopped reading.
    private SmartcarProblem? Problem(VehicleIdList list, int shown, bool late, PageCalls calls) =>
        late ? new SmartcarProblem.PastDeadline(calls.Deadline, shown)
        : list.CutShort is { } cut ? new SmartcarProblem.ListCutShort(cut, shown, limits.Value)
        : null;

    // Server-side flow: the user's connections from v3, then each vehicle's attributes, with the application token.
    private async Task<ConnectionVehicles> LoadAsync(SmartcarUserLink link, PageCalls calls)
    {
        var result = new ConnectionVehicles(link.Id, ConnectFlow.ServerSide, link.LinkedAt, RenewBy: null, [], ReconnectNeeded: false);
        try
        {
            var (list, vehicles, late) = await applicationTokens.CallAsync(
                async token =>
                {
                    var list = await calls.RunAsync(t => apiV3.ListConnectedVehicleIdsAsync(token, link.SmartcarUserId, t));
                    var (vehicles, late) = await calls.RunEachAsync(
                        list.Ids, (id, t) => apiV3.GetVehicleAsync(token, link.SmartcarUserId, id, t));
                    return (list, vehicles, late);
                },
                calls.Token);
            return result with { Vehicles = vehicles, Problem = Problem(list, vehicles.Count, late, calls) };
        }
        catch (OperationCanceledException) when (calls.DeadlinePassed)
        {
            return result with { Problem = new SmartcarProblem.PastDeadline(calls.Deadline, 0) };
        }
        catch (SmartcarApiException e)
        {
            return result with { Problem = new SmartcarProblem.Refused(e) };
        }
        catch (SmartcarAuthException)
        {
            return result with { Problem = new SmartcarProblem.ApplicationNotAuthorized() };
        }
    }
}
