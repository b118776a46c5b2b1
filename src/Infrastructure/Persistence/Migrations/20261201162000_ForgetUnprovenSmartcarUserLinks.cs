using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartcarClean.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Before ADR-007 the server-side flow linked whatever <c>user_id</c> the redirect named, so an existing link may
    /// be another person's. Links are forgotten once; their owners connect again, and this time Smartcar proves who
    /// connected. (Disconnecting an unproven link would also purge that Smartcar user for the whole application.)
    /// </summary>
    public partial class ForgetUnprovenSmartcarUserLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"SmartcarUserLinks\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Forgotten links cannot come back; nothing to undo.
        }
    }
}
