using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RequestLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "DeadlineExtendedAt",
                table: "Requests",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeadlineExtendedTo",
                table: "Requests",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeadlineExtensionDays",
                table: "Requests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeadlineExtensionReason",
                table: "Requests",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            // ADR 0016: the deadline counts from receipt; stored clocks of existing requests are recomputed.
            migrationBuilder.Sql(DeadlineFromReceiptBackfill.Sql(DeadlineFromReceiptBackfill.Provider.Sqlite));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "DeadlineExtendedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DeadlineExtendedTo",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DeadlineExtensionDays",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "DeadlineExtensionReason",
                table: "Requests");
        }
    }
}
