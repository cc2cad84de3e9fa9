/** Demo services and realistic fake case files, for trying the product and for benchmarks. */
package org.dossier.demo;
