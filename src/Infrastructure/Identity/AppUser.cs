using Microsoft.AspNetCore.Identity;

namespace SmartcarClean.Infrastructure.Identity;

/// <summary>
/// A local account of the web app, kept by ASP.NET Core Identity in the app's database. Its <c>Id</c> is the owner id
/// of the user's connections; the Domain and Application only ever see that string.
/// </summary>
public sealed class AppUser : IdentityUser;
