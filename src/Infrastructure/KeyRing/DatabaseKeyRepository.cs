using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SmartcarClean.Infrastructure.Persistence;

namespace SmartcarClean.Infrastructure.KeyRing;

/// <summary>
/// The key ring in the database (Data Protection's own EF Core repository on <see cref="AppDbContext"/>), which first
/// imports, once, the key files an earlier version kept in the data directory's <c>keys</c> folder: tokens protected
/// with them stay readable after the upgrade, on every instance. The files are left where they are (a way back);
/// a file whose name is already in the database is not imported again.
/// </summary>
internal sealed class DatabaseKeyRepository(IServiceProvider services, ILoggerFactory loggers, DirectoryInfo earlierFolder)
    : IXmlRepository
{
    private readonly EntityFrameworkCoreXmlRepository<AppDbContext> _database = new(services, loggers);
    private readonly Lock _importing = new();
    private bool _imported;

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        ImportEarlierKeysOnce();
        return _database.GetAllElements();
    }

    public void StoreElement(XElement element, string friendlyName) => _database.StoreElement(element, friendlyName);

    private void ImportEarlierKeysOnce()
    {
        lock (_importing)
        {
            if (_imported)
            {
                return;
            }

            // First, so that the import's own save (which asks the key ring for its current key) does not import again.
            _imported = true;
            try
            {
                Import();
            }
            catch
            {
                _imported = false; // e.g. the database not migrated yet: the next read tries again
                throw;
            }
        }
    }

    private void Import()
    {
        earlierFolder.Refresh();
        if (!earlierFolder.Exists)
        {
            return;
        }

        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var stored = db.DataProtectionKeys.AsNoTracking().Select(k => k.FriendlyName).ToHashSet();
        // FileSystemXmlRepository named each file after the friendly name it was given ("key-<id>.xml").
        var files = earlierFolder.GetFiles("*.xml").Where(f => !stored.Contains(Path.GetFileNameWithoutExtension(f.Name))).ToList();
        if (files.Count == 0)
        {
            return;
        }

        foreach (var file in files)
        {
            db.DataProtectionKeys.Add(new DataProtectionKey
            {
                FriendlyName = Path.GetFileNameWithoutExtension(file.Name),
                Xml = XElement.Load(file.FullName).ToString(SaveOptions.DisableFormatting),
            });
        }

        db.SaveChanges();
        loggers.CreateLogger("SmartcarClean.KeyRing").LogInformation(
            "{Count} Data Protection key(s) from {Folder} were imported into the database.", files.Count, earlierFolder.FullName);
    }
}
