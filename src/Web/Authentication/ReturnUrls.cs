using Microsoft.AspNetCore.Mvc;

namespace SmartcarClean.Web.Authentication;

/// <summary>
/// Where to go after signing in or registering: the return URL only when it is a path on this site
/// (<see cref="IUrlHelper.IsLocalUrl"/>), otherwise home. A sign-in link can never send the user to another site.
/// </summary>
public static class ReturnUrls
{
    public static string LocalOrHome(IUrlHelper url, string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
