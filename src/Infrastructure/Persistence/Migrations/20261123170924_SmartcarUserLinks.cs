using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartcarClean.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SmartcarUserLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SmartcarUserLinks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    SmartcarUserId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    LinkedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SmartcarUserLinks", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SmartcarUserLinks_OwnerId_SmartcarUserId",
                table: "SmartcarUserLinks",
                columns: new[] { "OwnerId", "SmartcarUserId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "SmartcarUserLinks");
        }
    }
}
