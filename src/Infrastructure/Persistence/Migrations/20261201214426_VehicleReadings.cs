using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartcarClean.Infrastructure.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class VehicleReadings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Written by hand: vehicles taken out of a connection were left behind with no connection (the relationship
            // was optional); they belong to no one, and the column can only become required without them.
            migrationBuilder.Sql("DELETE FROM \"ConnectedVehicle\" WHERE \"ConnectionId\" IS NULL;");

            migrationBuilder.AlterColumn<Guid>(
                name: "ConnectionId",
                table: "ConnectedVehicle",
                type: "TEXT",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "TEXT",
                oldNullable: true);

            migrationBuilder.CreateTable(
                name: "VehicleReadings",
                columns: table => new
                {
                    ConnectedVehicleId = table.Column<int>(type: "INTEGER", nullable: false),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VehicleReadings", x => x.ConnectedVehicleId);
                    table.ForeignKey(
                        name: "FK_VehicleReadings_ConnectedVehicle_ConnectedVehicleId",
                        column: x => x.ConnectedVehicleId,
                        principalTable: "ConnectedVehicle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StoredReading",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Path = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    ValueEncrypted = table.Column<string>(type: "TEXT", nullable: true),
                    UnitSystem = table.Column<string>(type: "TEXT", maxLength: 16, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FetchedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    FailureStatusCode = table.Column<int>(type: "INTEGER", nullable: true),
                    FailureType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FailureCode = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    FailureMessage = table.Column<string>(type: "TEXT", maxLength: 1024, nullable: true),
                    FailureRetryAt = table.Column<long>(type: "INTEGER", nullable: true),
                    VehicleReadingsId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StoredReading", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StoredReading_VehicleReadings_VehicleReadingsId",
                        column: x => x.VehicleReadingsId,
                        principalTable: "VehicleReadings",
                        principalColumn: "ConnectedVehicleId",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredReading_VehicleReadingsId_Path",
                table: "StoredReading",
                columns: new[] { "VehicleReadingsId", "Path" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StoredReading");

            migrationBuilder.DropTable(
                name: "VehicleReadings");

            migrationBuilder.AlterColumn<Guid>(
                name: "ConnectionId",
                table: "ConnectedVehicle",
                type: "TEXT",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "TEXT");
        }
    }
}
