// Created by brokergen from cloud-controller-v2.yaml (Cloud Foundry Cloud Controller v2 — Service Instances 2.0.0).
// This file is yours to edit: brokergen merges your changes when it regenerates.

import type {
  CreateUserProvidedServiceInstanceReply,
  CreateUserProvidedServiceInstanceRequest,
  DeleteUserProvidedServiceInstanceReply,
  DeleteUserProvidedServiceInstanceRequest,
  GetUserProvidedServiceInstanceReply,
  GetUserProvidedServiceInstanceRequest,
  ListUserProvidedServiceInstancesReply,
  ListUserProvidedServiceInstancesRequest,
  UpdateUserProvidedServiceInstanceReply,
  UpdateUserProvidedServiceInstanceRequest,
  UserProvidedServiceInstancesHandlers,
} from '../server/handlers.js';
import { notImplemented } from '../server/runtime/index.js';

/** Handles the operations tagged User-Provided Service Instances. Each method answers 501 until you fill it in. */
export class UserProvidedServiceInstancesService implements UserProvidedServiceInstancesHandlers {
  /** List user-provided service instances */
  async listUserProvidedServiceInstances(
    request: ListUserProvidedServiceInstancesRequest,
  ): Promise<ListUserProvidedServiceInstancesReply> {
    return notImplemented('listUserProvidedServiceInstances');
  }
  /** Create a user-provided service instance */
  async createUserProvidedServiceInstance(
    request: CreateUserProvidedServiceInstanceRequest,
  ): Promise<CreateUserProvidedServiceInstanceReply> {
    return notImplemented('createUserProvidedServiceInstance');
  }
  /** Retrieve a user-provided service instance */
  async getUserProvidedServiceInstance(
    request: GetUserProvidedServiceInstanceRequest,
  ): Promise<GetUserProvidedServiceInstanceReply> {
    return notImplemented('getUserProvidedServiceInstance');
  }
  /** Update a user-provided service instance */
  async updateUserProvidedServiceInstance(
    request: UpdateUserProvidedServiceInstanceRequest,
  ): Promise<UpdateUserProvidedServiceInstanceReply> {
    return notImplemented('updateUserProvidedServiceInstance');
  }
  /** Delete a user-provided service instance */
  async deleteUserProvidedServiceInstance(
    request: DeleteUserProvidedServiceInstanceRequest,
  ): Promise<DeleteUserProvidedServiceInstanceReply> {
    return notImplemented('deleteUserProvidedServiceInstance');
  }
}
