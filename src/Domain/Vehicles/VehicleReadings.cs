namespace SmartcarClean.Domain.Vehicles;

/// <summary>
/// What the app last heard from one connected vehicle, kept so that Smartcar (which bills and limits every call) is
/// asked again only when the readings are older than the freshness window, or the owner asks ("Refresh now", at most
/// once a minute). Of one car in either flow: a <see cref="ConnectedVehicle"/> (classic) or a <see cref="LinkedVehicle"/>
/// (server-side), exactly one of the two, and deleted with it.
/// </summary>
public sealed class VehicleReadings
{
    /// <summary>"Refresh now" asks Smartcar at most once in this time per vehicle.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromMinutes(1);

    private readonly List<StoredReading> _readings = [];

    private VehicleReadings()
    {
    }

    public int Id { get; private set; }

    /// <summary>The <see cref="ConnectedVehicle"/> (classic flow) these readings are of: a new Connect starts afresh.</summary>
    public int? ConnectedVehicleId { get; private set; }

    /// <summary>The <see cref="LinkedVehicle"/> (server-side flow) these readings are of.</summary>
    public int? LinkedVehicleId { get; private set; }

    public static VehicleReadings Of(ConnectedVehicle vehicle) => new() { ConnectedVehicleId = vehicle.Id };

    public static VehicleReadings Of(LinkedVehicle vehicle) => new() { LinkedVehicleId = vehicle.Id };

    /// <summary>When the app last asked Smartcar for this car's readings, whatever came of it.</summary>
    public DateTimeOffset? AskedAt { get; private set; }

    /// <summary>When Smartcar last answered such a request: the freshness window starts here. Null: stale.</summary>
    public DateTimeOffset? AnsweredAt { get; private set; }

    public IReadOnlyList<StoredReading> Readings => _readings;

    /// <summary>Fresh for <paramref name="freshFor"/> after Smartcar answered, up to but not at its end.</summary>
    public bool IsFresh(DateTimeOffset now, TimeSpan freshFor) => AnsweredAt is { } answered && now - answered < freshFor;

    /// <summary>When "Refresh now" may next ask Smartcar; null: now.</summary>
    public DateTimeOffset? RefreshAllowedAt(DateTimeOffset now) =>
        AskedAt is { } asked && now < asked + RefreshInterval ? asked + RefreshInterval : null;

    /// <summary>The owner asked for fresh readings: the next view asks Smartcar.</summary>
    public void Expire() => AnsweredAt = null;

    public void Asked(DateTimeOffset now) => AskedAt = now;

    public void Answered(DateTimeOffset now) => AnsweredAt = now;

    public StoredReading? Find(string path) => _readings.Find(r => r.Path == path);

    /// <summary>A value Smartcar answered for <paramref name="path"/>, replacing the one kept before (and any failure).</summary>
    public void Keep(string path, string value, string unitSystem, DateTimeOffset? recordedAt, DateTimeOffset fetchedAt) =>
        FindOrAdd(path).Replace(value, unitSystem, recordedAt, fetchedAt);

    /// <summary>Smartcar could not answer <paramref name="path"/> this time: the value kept before stays, with why.</summary>
    public void Fail(string path, ReadingFailure failure) => FindOrAdd(path).Failure = failure;

    private StoredReading FindOrAdd(string path)
    {
        if (Find(path) is { } reading)
        {
            return reading;
        }

        var added = new StoredReading(path);
        _readings.Add(added);
        return added;
    }
}

/// <summary>
/// One reading as Smartcar answered it: <see cref="Value"/> is its JSON body (null while none was ever read),
/// <see cref="RecordedAt"/> when the car recorded it (<c>sc-data-age</c>), <see cref="FetchedAt"/> when the app got it.
/// <see cref="Failure"/>: why the last request for it gave no newer value.
/// </summary>
public sealed class StoredReading
{
    private StoredReading()
    {
        Path = string.Empty;
    }

    internal StoredReading(string path) => Path = path;

    public int Id { get; private set; }

    public string Path { get; private set; }

    public string? Value { get; private set; }

    public string? UnitSystem { get; private set; }

    public DateTimeOffset? RecordedAt { get; private set; }

    public DateTimeOffset? FetchedAt { get; private set; }

    public ReadingFailure? Failure { get; internal set; }

    internal void Replace(string value, string unitSystem, DateTimeOffset? recordedAt, DateTimeOffset fetchedAt)
    {
        (Value, UnitSystem, RecordedAt, FetchedAt) = (value, unitSystem, recordedAt, fetchedAt);
        Failure = null;
    }
}

/// <summary>
/// Smartcar's error for one reading, as much of it as the page explains: its type and code, its sentence for the user
/// (<see cref="Message"/>) and, from Retry-After, when to ask again (<see cref="RetryAt"/>).
/// </summary>
public sealed record ReadingFailure(int StatusCode, string Type, string? Code, string? Message, DateTimeOffset? RetryAt);
