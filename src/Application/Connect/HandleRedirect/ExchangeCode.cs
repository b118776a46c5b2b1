using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using SmartcarClean.Application.Attributes;
using SmartcarClean.Application.Options;
using SmartcarClean.Application.Ports;
using SmartcarClean.Domain.Vehicles;

namespace SmartcarClean.Application.Connect.HandleRedirect;

/// <summary>
/// HandleRedirect's exchange step (classic flow): trades an authorization code for tokens and keeps them, with the
/// vehicles they reach and each one's make, model and year, for the current user. Internal: only HandleRedirect runs it, once the state is checked.
/// </summary>
internal sealed class ExchangeCode(
    IApplicationDbContext db,
    ICurrentUser user,
    ISmartcarAuth auth,
    ISmartcarApi api,
    AttributeReader attributes,
    IOptions<SmartcarLimits> limits,
    IValidator<AuthorizationCode> validator,
    TimeProvider time)
{
    /// <returns>The id of the new connection.</returns>
    /// <exception cref="ValidationException">The code or redirect URI is not one Connect sends.</exception>
    /// <exception cref="SmartcarAuthException">Smartcar refused the code.</exception>
    /// <exception cref="SmartcarApiException">Smartcar could not list the vehicles, or could not be reached.</exception>
    public async Task<Guid> RunAsync(AuthorizationCode code, CancellationToken cancellationToken)
    {
        await validator.ValidateAndThrowAsync(code, cancellationToken);
        var response = await auth.ExchangeCodeAsync(code.Code, code.RedirectUri, cancellationToken);
        var tokens = TokenSet.Issued(response.AccessToken, response.RefreshToken, response.ExpiresInSeconds, time.GetUtcNow());
        var list = await api.ListVehicleIdsAsync(tokens.AccessToken, cancellationToken);
        var vehicleIds = list.Ids;

        // Read once here, within the limits of one page view, so the vehicle list never asks again. A car whose read
        // fails is kept "not read yet": the connection itself holds.
        using var calls = new PageCalls(limits.Value, time, cancellationToken);
        var read = await attributes.ReadAsync(tokens.AccessToken, list, calls);

        await ForgetEarlierConnectionsOfAsync(vehicleIds, cancellationToken);
        var connection = Connection.Create(user.Id, tokens, vehicleIds, time.GetUtcNow());
        foreach (var (vehicleId, description) in read.Descriptions(time.GetUtcNow()))
        {
            connection.Describe(vehicleId, description);
        }

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
