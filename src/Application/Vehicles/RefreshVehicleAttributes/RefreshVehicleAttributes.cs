using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Attributes;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Outcomes;
using SmartcarClean.Application.Ports;
using SmartcarClean.Application.Tokens;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Vehicles.RefreshVehicleAttributes;

/// <summary>
/// The owner's "Refresh" on the vehicle list: every connection's vehicles are listed and described again, as at connect
/// time (<see cref="AttributeReader"/>), within the limits of one page view. A car no longer listed goes, a new one
/// comes; a car whose read fails keeps what was stored.
/// </summary>
public sealed record RefreshVehicleAttributes : ICommand<RefreshVehicleAttributesOutcome>;

/// <summary>
/// What the refresh could not do: per connection not read in full, why; and how many connections need a new Connect.
/// Nothing in either: every car was read again.
/// </summary>
public sealed record RefreshVehicleAttributesOutcome(IReadOnlyList<SmartcarProblem> Problems, int ReconnectNeeded)
{
    public bool Complete => Problems.Count == 0 && ReconnectNeeded == 0;
}

internal sealed class RefreshVehicleAttributesHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarApi api,
    AccessTokens accessTokens,
    AttributeReader attributes,
    IOptions<SmartcarLimits> limits,
    TimeProvider time) : ICommandHandler<RefreshVehicleAttributes, RefreshVehicleAttributesOutcome>
{
    public async ValueTask<RefreshVehicleAttributesOutcome> Handle(RefreshVehicleAttributes command, CancellationToken cancellationToken)
    {
        // Newest first: a car that moved to a newer connection is left to it (see Apply).
        var connections = await db.Connections.Where(c => c.OwnerId == user.Id).ToListAsync(cancellationToken);
        connections = [.. connections.OrderByDescending(c => c.ConnectedAt)];
        var links = await db.SmartcarUserLinks.Where(l => l.OwnerId == user.Id).ToListAsync(cancellationToken);
        using var calls = new PageCalls(limits.Value, time, cancellationToken);

        // Tokens one connection after another: a renewal writes through this request's DbContext, which is not thread-safe.
        // Known: the connection's outcome when no token could be had (a reconnect, or Smartcar unreachable).
        var access = new List<(string? Token, ConnectionRead? Known)>();
        foreach (var connection in connections)
        {
            try
            {
                var token = await accessTokens.ForAsync(connection, cancellationToken);
                access.Add((token, token is null ? ConnectionRead.Reconnect : null));
            }
            catch (SmartcarApiException e)
            {
                access.Add((null, ConnectionRead.Failed(new SmartcarProblem.Refused(e))));
            }
        }

        // Then every connection's reads at once: they touch no database.
        var classic = Task.WhenAll(access.Select(a => a.Known is { } known ? Task.FromResult(known) : ReadAsync(a.Token!, calls)));
        var serverSide = Task.WhenAll(links.Select(l => ReadAsync(l, calls)));
        var classicReads = await classic;
        var serverSideReads = await serverSide;

        var now = time.GetUtcNow();
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (connection, read) in connections.Zip(classicReads))
        {
            if (read.NeedsReconnect && !connection.ReconnectNeeded)
            {
                connection.MarkReconnectNeeded();
            }

            Apply(read, (ids, at) => connection.ReplaceVehicles(ids.Where(id => !taken.Contains(id)), at), connection.Describe, now);
            taken.UnionWith(connection.Vehicles.Select(v => v.SmartcarVehicleId));
        }

        foreach (var (link, read) in links.Zip(serverSideReads))
        {
            Apply(read, link.ReplaceVehicles, link.Describe, now);
            read.Read?.KeepConnectionsIn(link);
        }

        await db.SaveChangesAsync(cancellationToken);
        var reads = classicReads.Concat(serverSideReads).ToList();
        return new RefreshVehicleAttributesOutcome(
            [.. reads.Select(r => r.Problem).OfType<SmartcarProblem>()], reads.Count(r => r.NeedsReconnect));
    }

    // A connection whose list was read keeps the cars listed now (a car no longer listed goes); each car read is described anew.
    private static void Apply(
        ConnectionRead read, Action<IEnumerable<string>, DateTimeOffset> replaceVehicles, Action<string, VehicleDescription> describe, DateTimeOffset now)
    {
        if (read.Read is not { } done)
        {
            return;
        }

        replaceVehicles(done.List.Ids, now);
        foreach (var (vehicleId, description) in done.Descriptions(now))
        {
            describe(vehicleId, description);
        }
    }

    private async Task<ConnectionRead> ReadAsync(string accessToken, PageCalls calls)
    {
        try
        {
            var list = await calls.RunAsync(t => api.ListVehicleIdsAsync(accessToken, t));
            return ConnectionRead.Done(await attributes.ReadAsync(accessToken, list, calls));
        }
        catch (SmartcarApiException e) when (e.RequiresReconnect)
        {
            return ConnectionRead.Reconnect;
        }
        catch (SmartcarApiException e)
        {
            return ConnectionRead.Failed(new SmartcarProblem.Refused(e));
        }
        catch (OperationCanceledException) when (calls.DeadlinePassed)
        {
            return ConnectionRead.Failed(new SmartcarProblem.PastDeadline(calls.Deadline, 0));
        }
    }

    private async Task<ConnectionRead> ReadAsync(SmartcarUserLink link, PageCalls calls)
    {
        try
        {
            return ConnectionRead.Done(await attributes.ReadAsync(link.SmartcarUserId, calls));
        }
        catch (SmartcarApiException e)
        {
            return ConnectionRead.Failed(new SmartcarProblem.Refused(e));
        }
        catch (SmartcarAuthException)
        {
            return ConnectionRead.Failed(new SmartcarProblem.ApplicationNotAuthorized());
        }
        catch (OperationCanceledException) when (calls.DeadlinePassed)
        {
            return ConnectionRead.Failed(new SmartcarProblem.PastDeadline(calls.Deadline, 0));
        }
    }

    /// <summary>One connection's refresh: what was read (with its problem, if partial), or why nothing was.</summary>
    private sealed record ConnectionRead(AttributeRead? Read, SmartcarProblem? Problem, bool NeedsReconnect)
    {
        public static readonly ConnectionRead Reconnect = new(null, null, NeedsReconnect: true);

        public static ConnectionRead Done(AttributeRead read) => new(read, read.Problem, NeedsReconnect: false);

        public static ConnectionRead Failed(SmartcarProblem problem) => new(null, problem, NeedsReconnect: false);
    }
}
