using Mediator;
using Microsoft.EntityFrameworkCore;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.ExchangeCode;

/// <summary>Trades an authorization code for tokens and keeps them, with the vehicles they reach, for the current user.</summary>
public sealed record ExchangeCode(string Code, string? RedirectUri) : ICommand<Guid>
{
    public override string ToString() => $"ExchangeCode {{ RedirectUri = {RedirectUri} }}";
}

internal sealed class ExchangeCodeHandler(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarAuth auth,
    ISmartcarApi api,
    TimeProvider time) : ICommandHandler<ExchangeCode, Guid>
{
    public async ValueTask<Guid> Handle(ExchangeCode command, CancellationToken cancellationToken)
    {
        var response = await auth.ExchangeCodeAsync(command.Code, command.RedirectUri, cancellationToken);
        var tokens = TokenSet.Issued(response.AccessToken, response.RefreshToken, response.ExpiresInSeconds, time.GetUtcNow());
        var vehicleIds = (await api.ListVehicleIdsAsync(tokens.AccessToken, cancellationToken)).Ids;

        await ForgetEarlierConnectionsOfAsync(vehicleIds, cancellationToken);
        var connection = Connection.Create(user.Id, tokens, vehicleIds, time.GetUtcNow());
        db.Connections.Add(connection);
        await db.SaveChangesAsync(cancellationToken);
        return connection.Id;
    }

    // Connecting a car again replaces its tokens: the car moves to the new connection instead of being listed twice.
    private async Task ForgetEarlierConnectionsOfAsync(IReadOnlyList<string> vehicleIds, CancellationToken cancellationToken)
    {
        var earlier = await db.Connections
            .Where(c => c.OwnerId == user.Id && c.Vehicles.Any(v => vehicleIds.Contains(v.SmartcarVehicleId)))
            .ToListAsync(cancellationToken);
        foreach (var connection in earlier)
        {
            var emptied = vehicleIds.Aggregate(false, (_, id) => connection.RemoveVehicle(id));
            if (emptied)
            {
                db.Connections.Remove(connection);
            }
        }
    }
}
