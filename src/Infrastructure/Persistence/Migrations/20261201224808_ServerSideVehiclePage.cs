using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace SmartcarClean.Infrastructure.Persistence.Migrations
{
    /// <summary>
    /// Readings of server-side cars (keyed by ConnectedVehicle or LinkedVehicle) and each LinkedVehicle's Smartcar
    /// connection id and permissions. The readings' key changes (ConnectedVehicleId becomes one of two optional keys): the
    /// two tables are made anew rather than rebuilt (SQLite's rebuild of StoredReading would point at VehicleReadings' new
    /// key before it exists), and the classic cars' stored readings are copied across: a car past its monthly allowance
    /// has nothing else to show.
    /// </summary>
    public partial class ServerSideVehiclePage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Set aside (renaming VehicleReadings also repoints StoredReading_Before's foreign key), copied back below.
            migrationBuilder.Sql("ALTER TABLE \"StoredReading\" RENAME TO \"StoredReading_Before\";");
            migrationBuilder.Sql("DROP INDEX \"IX_StoredReading_VehicleReadingsId_Path\";");
            migrationBuilder.Sql("ALTER TABLE \"VehicleReadings\" RENAME TO \"VehicleReadings_Before\";");

            migrationBuilder.AddColumn<string>(
                name: "ConnectionId",
                table: "LinkedVehicle",
                type: "TEXT",
                maxLength: 128,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Permissions",
                table: "LinkedVehicle",
                type: "TEXT",
                nullable: false,
                defaultValue: "[]");

            migrationBuilder.CreateTable(
                name: "VehicleReadings",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ConnectedVehicleId = table.Column<int>(type: "INTEGER", nullable: true),
                    LinkedVehicleId = table.Column<int>(type: "INTEGER", nullable: true),
                    AskedAt = table.Column<long>(type: "INTEGER", nullable: true),
                    AnsweredAt = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VehicleReadings", x => x.Id);
                    table.CheckConstraint("CK_VehicleReadings_OneVehicle", "(\"ConnectedVehicleId\" IS NULL) <> (\"LinkedVehicleId\" IS NULL)");
                    table.ForeignKey(
                        name: "FK_VehicleReadings_ConnectedVehicle_ConnectedVehicleId",
                        column: x => x.ConnectedVehicleId,
                        principalTable: "ConnectedVehicle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_VehicleReadings_LinkedVehicle_LinkedVehicleId",
                        column: x => x.LinkedVehicleId,
                        principalTable: "LinkedVehicle",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            CreateStoredReading(migrationBuilder, principalColumn: "Id");

            migrationBuilder.CreateIndex(
                name: "IX_VehicleReadings_ConnectedVehicleId",
                table: "VehicleReadings",
                column: "ConnectedVehicleId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_VehicleReadings_LinkedVehicleId",
                table: "VehicleReadings",
                column: "LinkedVehicleId",
                unique: true);

            migrationBuilder.Sql(
                """
                INSERT INTO "VehicleReadings" ("ConnectedVehicleId", "AskedAt", "AnsweredAt")
                SELECT "ConnectedVehicleId", "AskedAt", "AnsweredAt" FROM "VehicleReadings_Before";
                """);
            migrationBuilder.Sql(
                """
                INSERT INTO "StoredReading" ("Path", "ValueEncrypted", "UnitSystem", "RecordedAt", "FetchedAt", "FailureStatusCode",
                    "FailureType", "FailureCode", "FailureMessage", "FailureRetryAt", "VehicleReadingsId")
                SELECT s."Path", s."ValueEncrypted", s."UnitSystem", s."RecordedAt", s."FetchedAt", s."FailureStatusCode",
                    s."FailureType", s."FailureCode", s."FailureMessage", s."FailureRetryAt", v."Id"
                FROM "StoredReading_Before" s JOIN "VehicleReadings" v ON v."ConnectedVehicleId" = s."VehicleReadingsId";
                """);
            migrationBuilder.Sql("DROP TABLE \"StoredReading_Before\";");
            migrationBuilder.Sql("DROP TABLE \"VehicleReadings_Before\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(name: "StoredReading");
            migrationBuilder.DropTable(name: "VehicleReadings");
            migrationBuilder.DropColumn(name: "ConnectionId", table: "LinkedVehicle");
            migrationBuilder.DropColumn(name: "Permissions", table: "LinkedVehicle");

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

            CreateStoredReading(migrationBuilder, principalColumn: "ConnectedVehicleId");
        }

        // One row per reading of a VehicleReadings row, by its key (principalColumn).
        private static void CreateStoredReading(MigrationBuilder migrationBuilder, string principalColumn)
        {
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
                        principalColumn: principalColumn,
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StoredReading_VehicleReadingsId_Path",
                table: "StoredReading",
                columns: new[] { "VehicleReadingsId", "Path" },
                unique: true);
        }
    }
}
