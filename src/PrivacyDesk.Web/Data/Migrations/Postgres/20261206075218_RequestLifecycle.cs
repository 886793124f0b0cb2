using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RequestLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DeadlineExtendedAt",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "DeadlineExtendedTo",
                table: "Requests",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "DeadlineExtensionDays",
                table: "Requests",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "DeadlineExtensionReason",
                table: "Requests",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            // ADR 0016: the deadline counts from receipt; stored clocks of existing requests are recomputed.
            migrationBuilder.Sql(DeadlineFromReceiptBackfill.Sql(DeadlineFromReceiptBackfill.Provider.Postgres));
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
