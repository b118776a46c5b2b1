using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartcarClean.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class StoredVehicleAttributes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "VehiclesListedAt",
                table: "SmartcarUserLinks",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "VehiclesListedAt",
                table: "Connections",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0L);

            // A connection made before this migration was listed when it was made; its cars show "not read yet" until a
            // Refresh reads their make, model and year.
            migrationBuilder.Sql("UPDATE Connections SET VehiclesListedAt = ConnectedAt;");

            migrationBuilder.AddColumn<long>(
                name: "DescribedAt",
                table: "ConnectedVehicle",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Make",
                table: "ConnectedVehicle",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Model",
                table: "ConnectedVehicle",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Powertrain",
                table: "ConnectedVehicle",
                type: "TEXT",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Year",
                table: "ConnectedVehicle",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "LinkedVehicle",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SmartcarVehicleId = table.Column<string>(type: "TEXT", maxLength: 128, nullable: false),
                    Make = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Model = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Year = table.Column<int>(type: "INTEGER", nullable: true),
                    Powertrain = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    DescribedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    SmartcarUserLinkId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LinkedVehicle", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LinkedVehicle_SmartcarUserLinks_SmartcarUserLinkId",
                        column: x => x.SmartcarUserLinkId,
                        principalTable: "SmartcarUserLinks",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_LinkedVehicle_SmartcarUserLinkId",
                table: "LinkedVehicle",
                column: "SmartcarUserLinkId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "LinkedVehicle");

            migrationBuilder.DropColumn(
                name: "VehiclesListedAt",
                table: "SmartcarUserLinks");

            migrationBuilder.DropColumn(
                name: "VehiclesListedAt",
                table: "Connections");

            migrationBuilder.DropColumn(
                name: "DescribedAt",
                table: "ConnectedVehicle");

            migrationBuilder.DropColumn(
                name: "Make",
                table: "ConnectedVehicle");

            migrationBuilder.DropColumn(
                name: "Model",
                table: "ConnectedVehicle");

            migrationBuilder.DropColumn(
                name: "Powertrain",
                table: "ConnectedVehicle");

            migrationBuilder.DropColumn(
                name: "Year",
                table: "ConnectedVehicle");
        }
    }
}
