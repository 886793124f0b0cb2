using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PrivacyDesk.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Resubmission : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "ResubmittedAt",
                table: "Requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int[]>(
                name: "Failed",
                table: "IdentityChecks",
                type: "integer[]",
                nullable: false,
                defaultValue: new int[0]);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArrivedOn",
                table: "Documents",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "SupersededAt",
                table: "Documents",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "SupersededBy",
                table: "Documents",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ResubmittedAt",
                table: "Requests");

            migrationBuilder.DropColumn(
                name: "Failed",
                table: "IdentityChecks");

            migrationBuilder.DropColumn(
                name: "ArrivedOn",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SupersededAt",
                table: "Documents");

            migrationBuilder.DropColumn(
                name: "SupersededBy",
                table: "Documents");
        }
    }
}
