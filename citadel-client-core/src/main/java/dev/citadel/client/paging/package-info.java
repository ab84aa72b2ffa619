/**
 * Keyset paging shared by every listing: {@link dev.citadel.client.paging.Page} (one page of
 * rows and the cursor of the next) and {@link dev.citadel.client.paging.PageRequest} (where a
 * page starts and how many rows it holds).
 */
package dev.citadel.client.paging;
