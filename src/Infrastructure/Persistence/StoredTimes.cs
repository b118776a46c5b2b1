using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SmartcarClean.Infrastructure.Persistence;

/// <summary>
/// How each engine stores a <see cref="DateTimeOffset"/> (ADR-012). Both keep the instant, in UTC, so that times
/// compare and sort as instants whatever offset they were given with (Smartcar's times may carry one).
/// </summary>
internal static class StoredTimes
{
    /// <summary>
    /// SQLite cannot order or compare DateTimeOffset: an integer in EF's <see cref="DateTimeOffsetToBinaryConverter"/>
    /// layout (clock ticks / 1000, then the offset in minutes in the low 11 bits), always written at offset zero, so the
    /// integers sort as the instants do. Values written with another offset by earlier releases still read back whole.
    /// </summary>
    internal sealed class UtcTicksOnSqlite() : ValueConverter<DateTimeOffset, long>(
        time => (time.UtcTicks / 1000) << 11,
        stored => new DateTimeOffset(new DateTime((stored >> 11) * 1000), new TimeSpan(0, (int)((stored << 53) >> 53), 0)));

    /// <summary>PostgreSQL's timestamptz orders times natively; Npgsql writes one only with offset zero.</summary>
    internal sealed class UtcOnPostgreSql() : ValueConverter<DateTimeOffset, DateTimeOffset>(
        time => time.ToUniversalTime(),
        stored => stored);
}
