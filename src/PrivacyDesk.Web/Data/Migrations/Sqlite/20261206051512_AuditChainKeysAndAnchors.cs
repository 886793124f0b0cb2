using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditChainKeysAndAnchors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ChainKeyId",
                table: "AuditEvents",
                type: "TEXT",
                unicode: false,
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditAnchors",
                columns: table => new
                {
                    Date = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    Hash = table.Column<byte[]>(type: "BLOB", maxLength: 32, nullable: false),
                    ChainKeyId = table.Column<string>(type: "TEXT", unicode: false, maxLength: 32, nullable: true),
                    LegacyThrough = table.Column<long>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Recipients = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnchors", x => x.Date);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditAnchors");

            migrationBuilder.DropColumn(
                name: "ChainKeyId",
                table: "AuditEvents");
        }
    }
}
